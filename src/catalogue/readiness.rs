//! Whether a report can be started without a signal: the city's list of services and the form
//! of every service are kept on the device.

use open311::{Service, ServiceCode};

/// How much of the catalogue the device keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// No list of services is kept: nothing can be reported offline.
    NothingSaved,
    /// The list is kept, but `missing` of the services' forms are not.
    Partly { kinds: usize, missing: usize },
    /// Every kind of problem can be reported offline.
    Ready { kinds: usize },
}

impl Readiness {
    /// The readiness of a device keeping `services` (None: no list), whose kept forms
    /// `has_form` tells. A service without questions needs no form.
    pub fn of(services: Option<&[Service]>, has_form: impl Fn(&ServiceCode) -> bool) -> Self {
        let Some(services) = services else {
            return Readiness::NothingSaved;
        };
        let kinds = services.len();
        let missing = services
            .iter()
            .filter(|service| service.metadata && !has_form(&service.service_code))
            .count();
        match (kinds, missing) {
            (0, _) => Readiness::NothingSaved,
            (kinds, 0) => Readiness::Ready { kinds },
            (kinds, missing) => Readiness::Partly { kinds, missing },
        }
    }

    pub fn is_ready(self) -> bool {
        matches!(self, Readiness::Ready { .. })
    }

    /// What the home screen says, if anything: `online` tells whether the device has a
    /// network now, and `saving` whether the catalogue is being fetched.
    pub fn sentence(self, online: bool, saving: bool) -> Option<String> {
        match (self, online) {
            (Readiness::Ready { kinds }, _) => Some(format!(
                "Ready to report offline: {} saved.",
                kinds_of_problem(kinds)
            )),
            (_, false) => Some(
                "Not ready to report offline yet: the city's list of problems is not saved on \
                 this device. Open Report311 once with a connection to save it."
                    .to_owned(),
            ),
            (_, true) if saving => {
                Some("Saving the city's list of problems, so you can report offline…".to_owned())
            }
            // A failure online is tried again later; it says nothing until it matters.
            (_, true) => None,
        }
    }
}

fn kinds_of_problem(kinds: usize) -> String {
    match kinds {
        1 => "1 kind of problem".to_owned(),
        n => format!("{n} kinds of problem"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, metadata: bool) -> Service {
        Service {
            service_code: ServiceCode::new(code),
            service_name: code.to_uppercase(),
            metadata,
            ..Service::default()
        }
    }

    #[test]
    fn ready_once_the_list_and_every_form_are_kept() {
        let services = [
            service("pothole", true),
            service("graffiti", true),
            service("lights", false),
        ];
        assert_eq!(Readiness::of(None, |_| true), Readiness::NothingSaved);
        assert_eq!(Readiness::of(Some(&[]), |_| true), Readiness::NothingSaved);
        assert_eq!(
            Readiness::of(Some(&services), |code| code.as_str() == "pothole"),
            Readiness::Partly {
                kinds: 3,
                missing: 1
            }
        );
        let all = Readiness::of(Some(&services), |code| code.as_str() != "lights");
        assert_eq!(
            all,
            Readiness::Ready { kinds: 3 },
            "a service without questions needs no form"
        );
        assert!(all.is_ready());
    }

    #[test]
    fn says_ready_and_what_to_do_when_it_matters() {
        let ready = Readiness::Ready { kinds: 14 };
        assert_eq!(
            ready.sentence(false, false).as_deref(),
            Some("Ready to report offline: 14 kinds of problem saved.")
        );
        assert_eq!(ready.sentence(true, true), ready.sentence(false, false));
        assert_eq!(
            Readiness::Ready { kinds: 1 }
                .sentence(true, false)
                .as_deref(),
            Some("Ready to report offline: 1 kind of problem saved.")
        );
        for not_yet in [
            Readiness::NothingSaved,
            Readiness::Partly {
                kinds: 3,
                missing: 2,
            },
        ] {
            assert!(
                not_yet
                    .sentence(false, false)
                    .is_some_and(|s| s.contains("Open Report311 once with a connection")),
            );
            assert!(
                not_yet
                    .sentence(true, true)
                    .is_some_and(|s| s.starts_with("Saving"))
            );
            assert_eq!(not_yet.sentence(true, false), None);
        }
    }
}
