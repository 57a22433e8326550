resource "google_bigquery_dataset_iam_binding" "readers" {
  dataset_id = "sales"
  role       = "roles/bigquery.dataViewer"
  members = [ # expect: iam/gcp-public-member
    "group:analysts@example.com",
    "allAuthenticatedUsers",
  ]
}
