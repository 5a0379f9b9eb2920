//! The development set (`tests/devset/`, a desk of short articles the team
//! wrote in English and French, with gold decisions in `reviewed/`) must
//! meet the extractor's bar. Reproduce the figures with
//! `factdesk eval tests/devset`.

use std::path::Path;

use factdesk::desk::Desk;
use factdesk::eval::{EvalReport, Predictions, eval_desk, render_table};
use factdesk::model::Field;

fn accuracy(report: &EvalReport, field: Field) -> f64 {
    report
        .fields
        .iter()
        .find(|f| f.field == field)
        .and_then(|f| f.accuracy)
        .unwrap_or(0.0)
}

#[test]
fn the_extractor_meets_the_bar_on_the_development_set() {
    let desk = Desk::open(Path::new("tests/devset")).unwrap();
    let report = eval_desk(&desk, Predictions::Fresh).unwrap();
    let table = render_table(&report);
    assert!(report.articles >= 30 && report.gold >= 30, "{table}");
    let bar = [
        ("recall", report.recall.unwrap_or(0.0), 0.85),
        ("precision", report.precision.unwrap_or(0.0), 0.80),
        ("fatalities", accuracy(&report, Field::Fatalities), 0.90),
        ("country", accuracy(&report, Field::Country), 0.95),
        ("admin1", accuracy(&report, Field::Admin1), 0.85),
        ("event_date", accuracy(&report, Field::EventDate), 0.80),
        ("event_type", accuracy(&report, Field::EventType), 0.80),
    ];
    for (name, value, minimum) in bar {
        assert!(
            value >= minimum,
            "{name} {value:.3} is below {minimum}\n{table}\n{:#?}\n{:#?}",
            report.misses,
            report.mismatches
        );
    }
}
