fn main() {
    std::process::exit(peixun::cli::main(std::env::args_os()));
}
