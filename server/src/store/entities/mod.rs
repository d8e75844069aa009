pub mod catalog_version;
