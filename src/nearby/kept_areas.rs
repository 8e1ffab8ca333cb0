//! The areas checked for open requests nearby, kept beside the rest of what was fetched from
//! the city's server so the check still answers offline.

use open311::ServiceCode;

use super::AreaHistory;
use crate::store::Db;
use crate::store::StoreError;
use crate::store::keyed::{get_value, put_value};
use crate::store::schema::CATALOGUE;

/// The key of the areas checked for one service.
fn areas_key(code: &ServiceCode) -> String {
    format!("nearby/{code}")
}

/// Keeps the areas checked for the service `code`, in place of those kept before.
pub async fn put_areas(db: &Db, code: &ServiceCode, areas: &AreaHistory) -> Result<(), StoreError> {
    put_value(db, CATALOGUE, &areas_key(code), areas).await
}

/// The areas checked for the service `code`, if any were.
pub async fn get_areas(db: &Db, code: &ServiceCode) -> Result<Option<AreaHistory>, StoreError> {
    get_value(db, CATALOGUE, &areas_key(code)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_have_keys_of_their_own() {
        assert_eq!(areas_key(&ServiceCode::new("001")), "nearby/001");
    }
}
