//! Two pieces of work at once: an export has two cores to use on the
//! machines it runs on, and pieces that share nothing but what they read
//! (the check and the rendering, the DOCX and the PDF, the fonts of the
//! PDF, its streams). Scoped threads of the standard library: the pieces
//! are few and coarse, so a thread pool would buy nothing.

/// Runs `there` on a thread of its own and `here` on the caller's, at the
/// same time, and returns both results: on a machine with two cores, the
/// time of the longer instead of the sum. Should no thread start, they run
/// one after the other. A panic on the thread goes on in the caller's.
pub(crate) fn at_once<A, B>(there: impl Fn() -> A + Sync, here: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    std::thread::scope(|scope| {
        let Ok(thread) = std::thread::Builder::new().spawn_scoped(scope, &there) else {
            return (there(), here());
        };
        let b = here();
        let a = thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

/// Splits `items` in two parts of about the same `weight`, heaviest items
/// first (the order within each part is kept), and maps both parts at
/// once with `work`, the first on a thread of its own; the results come
/// back in the order of `items`.
pub(crate) fn map_halves<T, R>(
    items: Vec<T>,
    weight: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R>
where
    T: Send,
    R: Send,
{
    if items.len() < 2 {
        return items.into_iter().map(work).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(weight(&items[index])));
    let mut side = vec![false; items.len()];
    let (mut first, mut second) = (0usize, 0usize);
    for index in order {
        let w = weight(&items[index]);
        if first <= second {
            first += w;
        } else {
            second += w;
            side[index] = true;
        }
    }
    let mut there = Vec::new();
    let mut here = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        if side[index] {
            here.push((index, item));
        } else {
            there.push((index, item));
        }
    }
    // The thread's part is taken out of a lock: `at_once` wants work it
    // can also run itself, should no thread start.
    let there = std::sync::Mutex::new(there);
    let (mut done, done_here) = at_once(
        || {
            let part = std::mem::take(&mut *there.lock().unwrap_or_else(|e| e.into_inner()));
            part.into_iter()
                .map(|(index, item)| (index, work(item)))
                .collect::<Vec<_>>()
        },
        || {
            here.into_iter()
                .map(|(index, item)| (index, work(item)))
                .collect::<Vec<_>>()
        },
    );
    done.extend(done_here);
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_run_and_give_their_results() {
        let (a, b) = at_once(|| 2 + 2, || "here");
        assert_eq!((a, b), (4, "here"));
    }

    #[test]
    fn halves_keep_the_order_and_every_item() {
        let items: Vec<usize> = vec![5, 1, 9, 3, 3, 8, 0];
        let doubled = map_halves(items.clone(), |&n| n, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(map_halves(vec![7], |&n| n, |n| n + 1), [8]);
        assert!(map_halves(Vec::<usize>::new(), |&n| n, |n| n).is_empty());
    }

    #[test]
    fn work_is_shared_between_two_threads() {
        let threads = map_halves(vec![1, 1, 1, 1], |_| 1, |_| std::thread::current().id());
        let distinct: std::collections::BTreeSet<String> =
            threads.iter().map(|id| format!("{id:?}")).collect();
        assert_eq!(distinct.len(), 2);
    }
}
