use std::ffi::OsString;

pub fn run(_args: Vec<OsString>) -> i32 {
    eprintln!("meridian: not yet implemented");
    1
}
