fn main() {
    println!("factdesk {}", env!("CARGO_PKG_VERSION"));
}
