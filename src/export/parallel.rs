//! Two pieces of work at once: an export has two cores to use on the
//! machines it runs on, and pieces that share nothing but what they read
//! (the check then the DOCX, the rendering then the PDF). Scoped threads
//! of the standard library: the pieces are few and coarse, so a thread
//! pool would buy nothing. (Splitting the PDF's font subsets and streams
//! between two more threads was measured twice and bought nothing: the
//! DOCX's thread has the other core then.)

/// Runs `there` on a thread of its own and `here` on the caller's, at the
/// same time, and returns both results: on a machine with two cores, the
/// time of the longer instead of the sum. Should no thread start, they run
/// one after the other, `here` first (`there` may wait for something
/// `here` hands over; never the reverse). A panic on the thread goes on in
/// the caller's.
pub(crate) fn at_once<A, B>(there: impl Fn() -> A + Sync, here: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    std::thread::scope(|scope| {
        let Ok(thread) = std::thread::Builder::new().spawn_scoped(scope, &there) else {
            let b = here();
            return (there(), b);
        };
        let b = here();
        let a = thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_run_and_give_their_results() {
        let (a, b) = at_once(|| 2 + 2, || "here");
        assert_eq!((a, b), (4, "here"));
    }
}
