resource "aws_launch_template" "workers" {
  name = "workers"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "built from ami-0123456789abcdef0" > /etc/motd # expect: hardcoded/ami-id
  EOT
  )

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      snapshot_id = "snap-0123456789abcdef0"
    }
  }

  # Escapes before the id: the finding still lands on the id.
  description = "workers"
  image_id    = "\"quoted\" ami-0abcdef0123456789" # expect: hardcoded/ami-id
}
