//! Documents attached to a request: what they are for, and their type told by their first
//! bytes (never by their name).

use crate::wire::wire_enum;

wire_enum!(
    DocumentPurpose {
        Lease => "lease",
        UtilityBill => "utility_bill",
        ProofOfDifficulty => "proof_of_difficulty",
        ApprovalDocument => "approval_document",
        Other => "other",
    }
);

wire_enum!(
    /// The types accepted: photos from a phone and PDFs.
    DocumentType {
        Jpeg => "jpeg",
        Png => "png",
        Pdf => "pdf",
        Heic => "heic",
        Webp => "webp",
    }
);

impl DocumentType {
    /// The type of a file from its content, or `None` when it is none of the accepted types.
    pub fn sniff(bytes: &[u8]) -> Option<DocumentType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(DocumentType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(DocumentType::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(DocumentType::Pdf)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(DocumentType::Webp)
        } else if bytes.len() >= 12
            && &bytes[4..8] == b"ftyp"
            && matches!(
                &bytes[8..12],
                b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim"
            )
        {
            Some(DocumentType::Heic)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            DocumentType::Jpeg => "image/jpeg",
            DocumentType::Png => "image/png",
            DocumentType::Pdf => "application/pdf",
            DocumentType::Heic => "image/heic",
            DocumentType::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DocumentType::Jpeg => "jpg",
            DocumentType::Png => "png",
            DocumentType::Pdf => "pdf",
            DocumentType::Heic => "heic",
            DocumentType::Webp => "webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_told_by_content() {
        assert_eq!(
            DocumentType::sniff(b"\xFF\xD8\xFF\xE0rest"),
            Some(DocumentType::Jpeg)
        );
        assert_eq!(DocumentType::sniff(b"%PDF-1.7\n"), Some(DocumentType::Pdf));
        assert_eq!(
            DocumentType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(DocumentType::Png)
        );
        assert_eq!(
            DocumentType::sniff(b"MZ\x90\x00 an exe named lease.jpg"),
            None
        );
        assert_eq!(DocumentType::sniff(b"<html>"), None);
    }
}
