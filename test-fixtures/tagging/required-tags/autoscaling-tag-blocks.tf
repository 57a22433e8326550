provider "aws" {
  region = "eu-west-1"
}

resource "aws_autoscaling_group" "web" { # expect: tagging/required-tags
  max_size = 2
  min_size = 1
  tag {
    key                 = "Owner"
    value               = "web"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_group" "api" {
  max_size = 2
  min_size = 1
  tag {
    key                 = "Owner"
    value               = "api"
    propagate_at_launch = true
  }
  tag {
    key                 = "Environment"
    value               = "prod"
    propagate_at_launch = true
  }
  tag {
    key                 = "CostCenter"
    value               = "cc-7"
    propagate_at_launch = true
  }
}
