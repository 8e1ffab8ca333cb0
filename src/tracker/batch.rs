//! Status refresh in as few calls as the server allows: one `requests` query per batch of
//! followed ids, never one per request.

use open311::ServiceRequestId;

/// Ids asked for in one call. Large enough that 120 followed requests cost two calls; the
/// URL stays well under the 2,000 characters old proxies allow. `page_size` asks for the
/// whole batch where a server pages (Chicago's pages hold 50 by default).
pub const BATCH_SIZE: usize = 100;

/// The query of one status call: these ids, with the notes of each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusQuery {
    members: Vec<ServiceRequestId>,
    ids: String,
    size: String,
}

impl StatusQuery {
    /// The ids asked for.
    pub fn members(&self) -> &[ServiceRequestId] {
        &self.members
    }

    /// Parameters for [`Endpoints::requests`](crate::client::Endpoints::requests).
    pub fn params(&self) -> [(&str, &str); 3] {
        [
            ("service_request_id", &self.ids),
            ("extensions", "true"),
            ("page_size", &self.size),
        ]
    }
}

/// The calls that ask for every id in `ids` once, in order.
pub fn status_queries(ids: &[ServiceRequestId]) -> Vec<StatusQuery> {
    let mut unique: Vec<ServiceRequestId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(id.clone());
        }
    }
    unique
        .chunks(BATCH_SIZE)
        .map(|batch| StatusQuery {
            ids: batch
                .iter()
                .map(ServiceRequestId::as_str)
                .collect::<Vec<_>>()
                .join(","),
            size: batch.len().to_string(),
            members: batch.to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<ServiceRequestId> {
        (1..=n)
            .map(|i| ServiceRequestId::new(i.to_string()))
            .collect()
    }

    #[test]
    fn a_hundred_and_twenty_requests_cost_two_calls() {
        let queries = status_queries(&ids(120));
        assert_eq!(queries.len(), 2);
        let [(_, first), (_, extensions), (_, size)] = queries[0].params();
        assert_eq!(first.split(',').count(), 100);
        assert!(first.starts_with("1,2,3,"));
        assert_eq!((extensions, size), ("true", "100"));
        let [(_, second), _, (_, size)] = queries[1].params();
        assert_eq!(second.split(',').count(), 20);
        assert!(second.ends_with(",119,120"));
        assert_eq!(size, "20");
    }

    #[test]
    fn every_id_is_asked_for_once() {
        let mut repeated = ids(3);
        repeated.extend(ids(3));
        let queries = status_queries(&repeated);
        assert_eq!(queries.len(), 1);
        assert_eq!(queries[0].params()[0], ("service_request_id", "1,2,3"));
        assert_eq!(queries[0].members(), ids(3));
    }

    #[test]
    fn nothing_followed_costs_nothing() {
        assert_eq!(status_queries(&[]), []);
    }

    #[test]
    fn batches_are_never_larger_than_the_batch_size() {
        for n in [1, 99, 100, 101, 250, 1000] {
            let queries = status_queries(&ids(n));
            assert_eq!(queries.len(), n.div_ceil(BATCH_SIZE), "{n} ids");
            let asked: usize = queries
                .iter()
                .map(|q| q.params()[0].1.split(',').count())
                .sum();
            assert_eq!(asked, n);
        }
    }
}
