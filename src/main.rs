#[cfg(target_arch = "wasm32")]
fn main() {
    omo_planner::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
