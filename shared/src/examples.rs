//! The catalog's own examples, run through the engine: a catalog whose examples do not come
//! out as they say is refused. This sits above both the catalog and the engine.

use crate::catalog::{Catalog, CatalogError, SHIPPED_JSON};
use crate::eligibility::evaluate;

/// Parses and validates a catalog file, then runs its examples.
pub fn load(json: &str) -> Result<Catalog, CatalogError> {
    let catalog = Catalog::parse(json)?;
    run(&catalog)?;
    Ok(catalog)
}

/// The catalog compiled into this build. It is checked by the test suite, so failing here
/// means a broken build; the caller still gets an error, not a panic.
pub fn shipped() -> Result<Catalog, CatalogError> {
    load(SHIPPED_JSON)
}

/// Runs every example of the catalog; the first that does not come out as it says is the error.
pub fn run(catalog: &Catalog) -> Result<(), CatalogError> {
    for example in &catalog.examples {
        let evaluation = evaluate(catalog, &example.answers, example.as_of);
        for expect in &example.expect {
            let fail = |problem: String| CatalogError::Example {
                name: example.name.clone(),
                problem,
            };
            let Some(result) = evaluation
                .results
                .iter()
                .find(|r| r.measure == expect.measure)
            else {
                return Err(fail(format!("no result for {}", expect.measure)));
            };
            if result.status != expect.status {
                return Err(fail(format!(
                    "{} is {} where the example expects {}",
                    expect.measure,
                    result.status.as_str(),
                    expect.status.as_str()
                )));
            }
            if let Some(estimate) = expect.estimate_fen
                && result.estimate.amount != estimate
            {
                return Err(fail(format!(
                    "{} is estimated at {:?} fen where the example expects {:?}",
                    expect.measure, result.estimate.amount, estimate
                )));
            }
        }
    }
    Ok(())
}
