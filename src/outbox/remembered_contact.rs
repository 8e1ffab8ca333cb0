//! The contact details the person gave with their last report, offered again in the next.

use open311::Contact;

use crate::store::Db;
use crate::store::StoreError;
use crate::store::keyed::{get_value, put_value};
use crate::store::schema::SETTINGS;

/// The key of the remembered contact details.
const CONTACT: &str = "contact";

/// Remembers how the city can reach the person, to fill in the next report.
pub async fn put_contact(db: &Db, contact: &Contact) -> Result<(), StoreError> {
    put_value(db, SETTINGS, CONTACT, contact).await
}

/// The remembered contact details, if the person gave any.
pub async fn get_contact(db: &Db) -> Result<Option<Contact>, StoreError> {
    get_value(db, SETTINGS, CONTACT).await
}
