// jemalloc, with one arena: as fast here as an arena per core, and it
// does not hold on to what one thread freed while another asks for more
// (the dev server's peak at 100,000 projects: 2.98 GB with an arena per
// core, 2.81 GB with one; glibc 2.77 GB). Windows (MSVC) keeps its own.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (its symbol is prefixed in this
/// build of it).
#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
static JEMALLOC_OPTIONS: Option<&'static u8> = Some(&b"narenas:1\0"[0]);

fn main() {
    std::process::exit(peixun::cli::main(std::env::args_os()));
}
