//! Numerical routines shared by the geodesy and the flight model.

/// The best point a [`golden_section_max`] search found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Maximum<T> {
    /// Where, in the searched interval.
    pub x: f64,
    /// The function's score there.
    pub score: f64,
    /// What the function returned with the score (a point, a distance...).
    pub payload: T,
}

/// Golden-section search for the maximum of a unimodal function on `[lo, hi]`, until the
/// bracket is narrower than `tolerance` or after `max_steps` steps. `f` returns a score and a
/// payload, or `None` to abandon the search (the flight model's "orbital"), which makes the
/// whole search `None`. Each step costs one evaluation.
///
/// # Examples
/// ```
/// use range_rings::numeric::golden_section_max;
/// let best = golden_section_max(0.0, 4.0, 1e-9, 200, |x| Some((-(x - 1.5_f64).powi(2), ()))).unwrap();
/// assert!((best.x - 1.5).abs() < 1e-6);
/// ```
pub fn golden_section_max<T>(
    lo: f64,
    hi: f64,
    tolerance: f64,
    max_steps: usize,
    mut f: impl FnMut(f64) -> Option<(f64, T)>,
) -> Option<Maximum<T>> {
    let golden = 0.5 * (5f64.sqrt() - 1.0);
    let (mut lo, mut hi) = (lo, hi);
    let mut x1 = hi - golden * (hi - lo);
    let mut x2 = lo + golden * (hi - lo);
    let (s1, p1) = f(x1)?;
    let (s2, p2) = f(x2)?;
    let mut left = Maximum {
        x: x1,
        score: s1,
        payload: p1,
    };
    let mut right = Maximum {
        x: x2,
        score: s2,
        payload: p2,
    };
    for _ in 0..max_steps {
        if hi - lo < tolerance {
            break;
        }
        if left.score < right.score {
            lo = x1;
            x1 = x2;
            x2 = lo + golden * (hi - lo);
            let (score, payload) = f(x2)?;
            left = std::mem::replace(
                &mut right,
                Maximum {
                    x: x2,
                    score,
                    payload,
                },
            );
        } else {
            hi = x2;
            x2 = x1;
            x1 = hi - golden * (hi - lo);
            let (score, payload) = f(x1)?;
            right = std::mem::replace(
                &mut left,
                Maximum {
                    x: x1,
                    score,
                    payload,
                },
            );
        }
    }
    Some(if left.score > right.score {
        left
    } else {
        right
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_maximum_at_either_end_and_abandons_on_none() {
        let at_hi = golden_section_max(0.0, 1.0, 1e-9, 200, |x| Some((x, ()))).unwrap();
        assert!(at_hi.x > 1.0 - 1e-6);
        let at_lo = golden_section_max(0.0, 1.0, 1e-9, 200, |x| Some((-x, ()))).unwrap();
        assert!(at_lo.x < 1e-6);
        let mut calls = 0;
        let abandoned = golden_section_max(0.0, 1.0, 1e-9, 200, |x| {
            calls += 1;
            (x < 0.7).then_some((x, ()))
        });
        assert!(abandoned.is_none() && calls < 10);
    }
}
