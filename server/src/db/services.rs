//! The service list and definitions.

use open311::{Service, ServiceDefinition};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use super::{DbError, DbResult};

/// A service as the city runs it: what the API shows plus what requests inherit.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ServiceRecord {
    pub service: Service,
    /// Only for services whose `metadata` is true.
    #[serde(default)]
    pub definition: Option<ServiceDefinition>,
    pub agency: Option<String>,
    /// Said back on every request of this kind.
    pub service_notice: Option<String>,
    /// Days until `expected_datetime`, counted from the request.
    pub expected_days: Option<i64>,
}

pub fn insert(connection: &Connection, position: usize, record: &ServiceRecord) -> DbResult<()> {
    let definition = record
        .definition
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(corrupt)?;
    connection.execute(
        "INSERT INTO services (code, position, name, agency, service_notice, expected_days,
                               service_doc, definition_doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            record.service.service_code.as_str(),
            position,
            record.service.service_name,
            record.agency,
            record.service_notice,
            record.expected_days,
            serde_json::to_string(&record.service).map_err(corrupt)?,
            definition,
        ],
    )?;
    Ok(())
}

pub fn list(connection: &Connection) -> DbResult<Vec<Service>> {
    let mut statement = connection.prepare("SELECT service_doc FROM services ORDER BY position")?;
    let docs = statement.query_map([], |row| row.get::<_, String>(0))?;
    docs.map(|doc| serde_json::from_str(&doc?).map_err(corrupt))
        .collect()
}

pub fn find(connection: &Connection, code: &str) -> DbResult<Option<ServiceRecord>> {
    let row = connection
        .query_row(
            "SELECT service_doc, definition_doc, agency, service_notice, expected_days
             FROM services WHERE code = ?1",
            [code],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?;
    let Some((service, definition, agency, service_notice, expected_days)) = row else {
        return Ok(None);
    };
    Ok(Some(ServiceRecord {
        service: serde_json::from_str(&service).map_err(corrupt)?,
        definition: definition
            .map(|doc| serde_json::from_str(&doc))
            .transpose()
            .map_err(corrupt)?,
        agency,
        service_notice,
        expected_days,
    }))
}

fn corrupt(error: serde_json::Error) -> DbError {
    DbError::Corrupt(format!("service document: {error}"))
}
