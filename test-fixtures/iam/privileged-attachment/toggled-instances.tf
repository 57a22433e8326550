# A reusable module: whether these grants exist is the caller's choice
# (SPEC §2a, conditional existence), but what they grant is written here.
variable "create" {
  type = bool
}

variable "roles" {
  type = set(string)
}

data "aws_partition" "current" {}

# for_each over a known set, toggled: each role is reviewed, roles/editor reported.
resource "google_project_iam_member" "ci" {
  for_each = var.create ? toset(["roles/editor", "roles/viewer"]) : []

  project = "ci"
  role    = each.value # expect: iam/privileged-attachment
  member  = "serviceAccount:ci@ci.iam.gserviceaccount.com"
}

# A known map filtered by an unknown condition (the terraform-aws-modules idiom).
resource "aws_iam_role_policy_attachment" "admin" {
  for_each = { for k, v in { admin = "arn:aws:iam::aws:policy/AdministratorAccess", read = "arn:aws:iam::aws:policy/ReadOnlyAccess" } : k => v if var.create }

  role       = "ci"
  policy_arn = each.value # expect: iam/privileged-attachment
}

# count through a local that is itself unknown.
locals {
  create_power = var.create && length(var.roles) > 0
}

resource "aws_iam_role_policy_attachment" "power" {
  count = local.create_power ? 1 : 0

  role       = "ops"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess" # expect: iam/privileged-attachment
}

# count = 0: no instance, nothing to report.
resource "google_project_iam_member" "never" {
  count = 0

  project = "ci"
  role    = "roles/owner"
  member  = "serviceAccount:ci@ci.iam.gserviceaccount.com"
}

# The toggle's known branch is safe: nothing to report.
resource "google_project_iam_member" "viewer" {
  for_each = var.create ? toset(["roles/viewer"]) : toset([])

  project = "ci"
  role    = each.value
  member  = "serviceAccount:ci@ci.iam.gserviceaccount.com"
}

# Unknown content stays undecided: which roles is the caller's choice.
resource "google_project_iam_member" "chosen" {
  for_each = var.create ? var.roles : []

  project = "ci"
  role    = each.value
  member  = "serviceAccount:ci@ci.iam.gserviceaccount.com"
}
