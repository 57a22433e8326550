# Only Terraform's built-in provider: nothing to declare.
data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-state"
    key    = "network.tfstate"
    region = "eu-west-1"
  }
}

resource "terraform_data" "network_id" {
  input = data.terraform_remote_state.network.outputs.vpc_id
}
