account_id       = "210987654321"
partner_role_arn = "arn:aws:iam::210987654321:role/partner"
