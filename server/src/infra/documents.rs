//! Where uploaded documents are kept. A trait, so object storage can replace the directory.

use std::future::Future;
use std::io;
use std::path::PathBuf;

/// Stores and reads documents by the names the server generated.
pub trait DocumentStorage: Send + Sync {
    fn put(&self, name: &str, bytes: &[u8]) -> impl Future<Output = io::Result<()>> + Send;
    fn get(&self, name: &str) -> impl Future<Output = io::Result<Vec<u8>>> + Send;
    fn delete(&self, name: &str) -> impl Future<Output = io::Result<()>> + Send;
}

/// A directory on the server's disk.
#[derive(Debug, Clone)]
pub struct DirStorage {
    dir: PathBuf,
}

impl DirStorage {
    /// Creates the directory when it is missing.
    pub fn new(dir: PathBuf) -> io::Result<DirStorage> {
        std::fs::create_dir_all(&dir)?;
        Ok(DirStorage { dir })
    }

    fn path(&self, name: &str) -> io::Result<PathBuf> {
        // Names are generated (hex and an extension); anything else is refused outright.
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "bad document name",
            ));
        }
        Ok(self.dir.join(name))
    }
}

impl DocumentStorage for DirStorage {
    async fn put(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(name)?;
        let tmp = self.path(&format!("{name}.part"))?;
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await
    }

    async fn get(&self, name: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(name)?).await
    }

    async fn delete(&self, name: &str) -> io::Result<()> {
        tokio::fs::remove_file(self.path(name)?).await
    }
}
