int cds_http_server_placeholder() { return 0; }
