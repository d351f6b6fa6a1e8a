//! What the shells share that touches the world: the clock (the only place that
//! reads the time) and the alerts (bell, voice, desktop notifications).

pub mod alerts;
pub mod clock;
pub mod desktop;
pub mod editor;
pub mod hooks;
pub mod presence;
pub mod run;
pub mod sound;
