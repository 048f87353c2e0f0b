//! A team's registry kept live in the window: the saves other coordinators commit on the
//! server arrive here ([`Registry::listen`]) and the window reads again what they may have
//! moved; a lost connection is said in the status line and retried, a second, then two, up to
//! thirty, and everything is read again once it is back (saves meanwhile were missed).
//!
//! The listening runs on a thread of its own (it blocks on the server's socket); its events
//! reach the window through a subscription, so nothing here ever blocks the window.

use std::time::Duration;

use iced::Subscription;
use iced::futures::{SinkExt, StreamExt};

use crate::registry::Registry;
use crate::registry::team::Change;

/// What the listening tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Someone committed a save.
    Changed(Change),
    /// The connection to the server was lost (why); it is being retried.
    Lost(String),
    /// The connection is back: saves made meanwhile were not heard, so read everything again.
    Restored,
}

/// The team's saves, for a registry on a server; nothing for a SQLite file.
pub fn subscription(registry: &Registry) -> Subscription<Event> {
    if !registry.is_server() {
        return Subscription::none();
    }
    Subscription::run_with(Listening(registry.clone()), listen)
}

/// The registry listened to (the subscription's identity: the same registry, the same
/// listening).
#[derive(Debug, Clone)]
struct Listening(Registry);

impl std::hash::Hash for Listening {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.location().server.hash(state);
    }
}

fn listen(listening: &Listening) -> impl iced::futures::Stream<Item = Event> + use<> {
    let registry = listening.0.clone();
    iced::stream::channel(64, async move |mut output| {
        let (events, mut received) = iced::futures::channel::mpsc::unbounded();
        std::thread::spawn(move || listen_until_closed(&registry, &events));
        while let Some(event) = received.next().await {
            if output.send(event).await.is_err() {
                break;
            }
        }
    })
}

/// Listens, reconnecting with a growing pause, until the window stops listening.
fn listen_until_closed(
    registry: &Registry,
    events: &iced::futures::channel::mpsc::UnboundedSender<Event>,
) {
    let mut lost = false;
    let mut pause = Duration::from_secs(1);
    while !events.is_closed() {
        match registry.listen() {
            Ok(Some(mut changes)) => {
                if lost && events.unbounded_send(Event::Restored).is_err() {
                    return;
                }
                pause = Duration::from_secs(1);
                loop {
                    match changes.next(Duration::from_secs(10)) {
                        Ok(Some(change)) => {
                            if events.unbounded_send(Event::Changed(change)).is_err() {
                                return;
                            }
                        }
                        Ok(None) if events.is_closed() => return,
                        Ok(None) => {}
                        Err(e) => {
                            lost = true;
                            if events.unbounded_send(Event::Lost(e.to_string())).is_err() {
                                return;
                            }
                            break;
                        }
                    }
                }
            }
            Ok(None) => return,
            Err(e) => {
                if !lost && events.unbounded_send(Event::Lost(e.to_string())).is_err() {
                    return;
                }
                lost = true;
            }
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_secs(30));
    }
}
