use clap::Parser;

fn main() {
    let cli = peixun::cli::Cli::parse();
    std::process::exit(peixun::cli::run(cli));
}
