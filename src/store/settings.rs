//! The person's preferences.

use open311::Contact;

use super::db::Db;
use super::error::StoreError;
use super::keyed::{get_value, put_value};
use super::schema::SETTINGS;

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
