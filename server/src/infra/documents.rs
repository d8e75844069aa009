//! Where uploaded documents are kept. A trait, so object storage can replace the directory.

use std::future::Future;
use std::io;
use std::path::PathBuf;

/// Stores and reads documents by the names the server generated.
pub trait DocumentStorage: Send + Sync {
    fn put(&self, name: &str, bytes: &[u8]) -> impl Future<Output = io::Result<()>> + Send;
    fn get(&self, name: &str) -> impl Future<Output = io::Result<Vec<u8>>> + Send;
    fn delete(&self, name: &str) -> impl Future<Output = io::Result<()>> + Send;
    /// Every stored name, with when it was last written (to sweep what a crash left).
    fn list(&self)
    -> impl Future<Output = io::Result<Vec<(String, std::time::SystemTime)>>> + Send;
}

/// A directory on the server's disk.
#[derive(Debug, Clone)]
pub struct DirStorage {
    pub(crate) dir: PathBuf,
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

    async fn list(&self) -> io::Result<Vec<(String, std::time::SystemTime)>> {
        let mut out = Vec::new();
        let mut entries = tokio::fs::read_dir(&self.dir).await?;
        while let Some(entry) = entries.next_entry().await? {
            let meta = entry.metadata().await?;
            if meta.is_file()
                && let Some(name) = entry.file_name().to_str()
            {
                out.push((name.to_string(), meta.modified()?));
            }
        }
        Ok(out)
    }
}

/// S3-compatible object storage (Tencent COS, Aliyun OSS, MinIO, AWS S3): every instance of
/// the server reads what any other stored. Objects are `documents/<name>` in the bucket.
#[derive(Debug, Clone)]
pub struct S3Storage {
    store: std::sync::Arc<object_store::aws::AmazonS3>,
}

/// How to reach the bucket (from `SHUKUN_S3_*`; the keys are never logged).
#[derive(Debug, Clone)]
pub struct S3Config {
    pub bucket: String,
    /// `https://cos.ap-guangzhou.myqcloud.com`, `https://oss-cn-hangzhou.aliyuncs.com`,
    /// `http://127.0.0.1:9000` (MinIO); `None`: AWS's own endpoint for the region.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: crate::config::Secret,
    /// `bucket.endpoint/key` (COS and OSS want it) instead of `endpoint/bucket/key`.
    pub virtual_hosted: bool,
}

impl S3Storage {
    /// A client for the bucket (nothing is sent until the first document).
    pub fn new(config: &S3Config) -> Result<S3Storage, object_store::Error> {
        let secret = String::from_utf8_lossy(config.secret_access_key.expose()).into_owned();
        let mut builder = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(secret)
            .with_virtual_hosted_style_request(config.virtual_hosted);
        if let Some(endpoint) = &config.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        Ok(S3Storage {
            store: std::sync::Arc::new(builder.build()?),
        })
    }

    fn path(name: &str) -> io::Result<object_store::path::Path> {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "bad document name",
            ));
        }
        Ok(object_store::path::Path::from(format!("documents/{name}")))
    }
}

fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        e => io::Error::other(e),
    }
}

impl DocumentStorage for S3Storage {
    async fn put(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        use object_store::ObjectStoreExt;
        let path = S3Storage::path(name)?;
        self.store
            .put(&path, bytes.to_vec().into())
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    async fn get(&self, name: &str) -> io::Result<Vec<u8>> {
        use object_store::ObjectStoreExt;
        let path = S3Storage::path(name)?;
        let found = self.store.get(&path).await.map_err(io_error)?;
        Ok(found.bytes().await.map_err(io_error)?.to_vec())
    }

    async fn delete(&self, name: &str) -> io::Result<()> {
        use object_store::ObjectStoreExt;
        let path = S3Storage::path(name)?;
        self.store.delete(&path).await.map_err(io_error)
    }

    async fn list(&self) -> io::Result<Vec<(String, std::time::SystemTime)>> {
        use futures_util::StreamExt;
        use object_store::ObjectStore;
        let prefix = object_store::path::Path::from("documents");
        let mut listed = self.store.list(Some(&prefix));
        let mut out = Vec::new();
        while let Some(meta) = listed.next().await {
            let meta = meta.map_err(io_error)?;
            if let Some(name) = meta.location.filename() {
                out.push((
                    name.to_string(),
                    std::time::SystemTime::from(meta.last_modified),
                ));
            }
        }
        Ok(out)
    }
}

/// The document store a server uses: its directory, or the bucket when one is configured.
#[derive(Debug, Clone)]
pub enum Documents {
    Dir(DirStorage),
    S3(S3Storage),
}

impl DocumentStorage for Documents {
    async fn put(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        match self {
            Documents::Dir(s) => s.put(name, bytes).await,
            Documents::S3(s) => s.put(name, bytes).await,
        }
    }

    async fn get(&self, name: &str) -> io::Result<Vec<u8>> {
        match self {
            Documents::Dir(s) => s.get(name).await,
            Documents::S3(s) => s.get(name).await,
        }
    }

    async fn delete(&self, name: &str) -> io::Result<()> {
        match self {
            Documents::Dir(s) => s.delete(name).await,
            Documents::S3(s) => s.delete(name).await,
        }
    }

    async fn list(&self) -> io::Result<Vec<(String, std::time::SystemTime)>> {
        match self {
            Documents::Dir(s) => s.list().await,
            Documents::S3(s) => s.list().await,
        }
    }
}

/// How old a stored file without its row must be before it is swept: older than any upload
/// still under way (a file is written before its row).
pub const SWEEP_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Deletes stored files that no document row names (a crash between writing a file and
/// committing its row, or a half-written `.part`), once they are older than
/// [`SWEEP_AFTER`]; returns how many. Run at start.
pub async fn sweep(
    db: &sea_orm::DatabaseConnection,
    documents: &Documents,
) -> Result<usize, String> {
    let known = crate::store::requests::storage_names(db)
        .await
        .map_err(|e| e.to_string())?;
    let listed = documents.list().await.map_err(|e| e.to_string())?;
    let now = std::time::SystemTime::now();
    let mut swept = 0;
    for (name, written) in listed {
        let old = now.duration_since(written).unwrap_or_default() >= SWEEP_AFTER;
        if old && !known.contains(&name) {
            let deleted = match &documents {
                // `.part` names are refused by `path`: remove them through the directory.
                Documents::Dir(d) => tokio::fs::remove_file(d.dir.join(&name)).await,
                Documents::S3(_) => documents.delete(&name).await,
            };
            match deleted {
                Ok(()) => swept += 1,
                Err(e) => tracing::warn!(%name, error = %e, "could not sweep a stray document"),
            }
        }
    }
    Ok(swept)
}
