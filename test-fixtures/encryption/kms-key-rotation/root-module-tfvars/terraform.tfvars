rotate_keys = false
