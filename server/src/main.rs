use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, Command, run_user_command};
use server::config::LogFormat;
use server::{Application, Config};
use tracing_subscriber::EnvFilter;

/// glibc's malloc keeps freed memory in per-thread arenas and raises its mmap threshold after
/// each large free, so the 19 MiB of each password hash on the blocking threads piled up
/// (1.8 GB after 100 sign-ins at once). A fixed 1 MiB threshold maps such blocks and unmaps
/// them when freed, and two arenas bound what small allocations keep.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    // SAFETY: mallopt only sets allocator parameters; called first thing, before any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}

fn main() -> ExitCode {
    tune_malloc();
    actix_web::rt::System::new().block_on(serve_or_run())
}

async fn serve_or_run() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    match cli.command {
        None | Some(Command::Serve) => serve(config).await,
        Some(Command::User(command)) => match run_user_command(&config, command).await {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Logs to stderr at `RUST_LOG` (`info` by default), as text or one JSON object per line;
/// every line about a request carries its id (the `request` span).
fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

async fn serve(config: Config) -> ExitCode {
    let host = config
        .bind
        .rsplit_once(':')
        .map_or("127.0.0.1", |(h, _)| h)
        .to_string();
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The one line on stdout: where to find Shukun (tests read the port from it).
    println!("Shukun listening on http://{host}:{}", app.port());
    let _ = std::io::stdout().flush();
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
