//! The Open311 GeoReport v2 model shared by the app and the reference server.
//!
//! Types for every document of the API, lenient reading of JSON and XML as
//! real servers write them ([`decode`]), writing in the spec's shapes
//! ([`encode`]), the bodies that file a request ([`form`], [`multipart`]) and
//! the checks a request must pass before it is filed ([`validate()`]).

pub mod answers;
pub mod api_error;
pub mod codec;
pub mod definition;
pub mod discovery;
pub mod draft;
pub mod extensions;
pub mod form;
pub mod format;
pub mod ids;
mod lenient;
pub mod multipart;
pub mod request;
pub mod resource;
pub mod service;
pub mod timestamp;
pub mod validate;
mod xml;

pub use answers::{RequestCreated, TokenAnswer};
pub use api_error::ApiError;
pub use codec::{DecodeError, decode, encode};
pub use definition::{Attribute, AttributeValue, Datatype, ServiceDefinition};
pub use discovery::{Discovery, Endpoint};
pub use draft::{Answer, Contact, Draft, Location};
pub use extensions::{ExtendedAttributes, Note, NoteType, Photo};
pub use form::{FORM_CONTENT_TYPE, FormError, Submission, decode_form, encode_form, from_fields};
pub use format::Format;
pub use ids::{AttributeCode, JurisdictionId, ServiceCode, ServiceRequestId, Token};
pub use multipart::{MediaPart, encode_multipart, multipart_content_type};
pub use request::{ServiceRequest, Status};
pub use resource::{Resource, Shape};
pub use service::{Service, ServiceType};
pub use timestamp::{InvalidTimestamp, Timestamp};
pub use validate::{Field, MAX_DESCRIPTION, Problem, validate};
