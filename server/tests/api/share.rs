//! The printable QR poster (三(三), publicity).

use crate::helpers::spawn_app;

#[actix_web::test]
async fn a_county_office_prints_a_poster_of_a_measure_in_its_language() {
    let app = spawn_app().await;
    let res = app
        .get("/api/v1/share/poster.svg?measure=rent-waiver-highway&county=luntai&lang=en")
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    let svg = res.text().await.unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(
        svg.contains("Rent waived in highway"),
        "the measure's title"
    );
    assert!(svg.contains("Luntai County"), "the county");
    assert!(
        svg.contains("/measures/rent-waiver-highway?src=poster-luntai&amp;lang=en"),
        "the link: the measure's page, in English, counted under the county's poster"
    );
    assert!(svg.contains("for reference only"), "the notice");
    assert!(svg.contains("<path fill=\"#000\" d=\"M"), "the QR code");
}

#[actix_web::test]
async fn without_a_measure_the_poster_invites_to_the_self_check_and_bad_values_are_refused() {
    let app = spawn_app().await;
    let svg = app
        .get("/api/v1/share/poster.svg")
        .await
        .text()
        .await
        .unwrap();
    assert!(svg.contains("政策自查") && svg.contains("/check?src=poster"));
    for (query, field) in [
        ("measure=Nope!", "measure"),
        ("county=atlantis", "county"),
        ("lang=fr", "lang"),
    ] {
        let res = app.get(&format!("/api/v1/share/poster.svg?{query}")).await;
        assert_eq!(res.status().as_u16(), 400, "{query}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["error"]["field"], field);
    }
    // A well-formed id the catalog does not have: no such poster.
    let res = app.get("/api/v1/share/poster.svg?measure=nope").await;
    assert_eq!(res.status().as_u16(), 404);
}
