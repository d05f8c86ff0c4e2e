//! A request to put the keyboard focus in a field, from a click in a review
//! list or after adding a row.

use crate::model::FieldPath;

/// A request to put the keyboard focus in a field, claimed by the first
/// field drawn that is the target or lies within it (the first field of a
/// row, of a list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusRequest {
    /// The field, e.g. `budget.schedule[0].cp`.
    pub target: FieldPath,
    /// Frames during which the claimed field is scrolled into view (the
    /// first frames may not know the window's size yet).
    pub frames_left: u8,
    /// Whether a field claimed it this frame.
    pub claimed: bool,
}

impl FocusRequest {
    /// A request for the field at `path`.
    pub fn new(target: FieldPath) -> Self {
        Self {
            target,
            frames_left: 3,
            claimed: false,
        }
    }

    /// Whether the field at `path` should take the focus now.
    pub fn claims(&mut self, path: FieldPath) -> bool {
        if self.claimed {
            return false;
        }
        let within = self.target.contains(path);
        if within {
            self.claimed = true;
        }
        within
    }

    /// After a frame: counts down once claimed, and says whether the
    /// request is still alive.
    pub fn next_frame(&mut self) -> bool {
        if self.claimed {
            self.frames_left = self.frames_left.saturating_sub(1);
        }
        self.claimed = false;
        self.frames_left > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    #[test]
    fn focus_is_claimed_once_by_the_field_or_its_first_child() {
        let mut focus = FocusRequest::new(Field::Schedule.path());
        assert!(!focus.claims(Field::Uo.path()));
        assert!(focus.claims(Field::ScheduleYear.at(0)));
        assert!(!focus.claims(Field::ScheduleAe.at(0)));
        let mut row = FocusRequest::new(Field::ScheduleRow.at(1));
        assert!(!row.claims(Field::ScheduleAe.at(0)));
        assert!(row.claims(Field::ScheduleAe.at(1)));
    }

    #[test]
    fn a_claimed_request_lives_three_frames() {
        let mut focus = FocusRequest::new(Field::Uo.path());
        assert!(focus.next_frame(), "unclaimed, it waits");
        for _ in 0..2 {
            assert!(focus.claims(Field::Uo.path()));
            assert!(focus.next_frame());
        }
        assert!(focus.claims(Field::Uo.path()));
        assert!(!focus.next_frame());
    }
}
