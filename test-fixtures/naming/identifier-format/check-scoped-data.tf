# Data sources scoped to a check block are named like any other data source.
check "health" {
  data "http" "Bad" { # expect: naming/identifier-format
    url = "https://example.com/health"
  }

  data "http" "status_page" {
    url = "https://example.com/status"
  }

  assert {
    condition     = data.http.Bad.status_code == 200 && data.http.status_page.status_code == 200
    error_message = "The service is down."
  }
}
