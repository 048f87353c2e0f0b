//! The screens of the window. Each owns its state, its `Message`, an `update` that returns an
//! action for the application to carry out, and a `view`. No screen touches the database.

pub mod agencies;
pub mod agency;
pub mod calendar;
pub mod catalogue;
pub mod dashboard;
pub mod data;
pub mod import;
pub mod parts;
pub mod review;
pub mod rows_in_view;
pub mod welcome;
