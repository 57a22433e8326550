# A Studio domain is configured differently.
resource "aws_sagemaker_code_repository" "repo" {
  code_repository_name = "repo"

  git_config {
    repository_url = "https://github.com/example/repo.git"
  }
}
