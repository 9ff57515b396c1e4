"""Write a farm to disk as static files, and an nginx configuration that serves it on loopback."""

from __future__ import annotations

import os
from pathlib import Path

from ceping.sitefarm.farm import Farm, FarmSite


def _file_path(root: Path, path: str) -> Path:
    rel = path.lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    return root / rel


def write_site(site: FarmSite, root: Path) -> int:
    """Every file of the site under `root`; returns the number of HTML pages."""
    pages = 0
    for path, found in site.files.items():
        target = _file_path(root, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if found.size:
            with target.open("wb") as out:
                out.truncate(found.size)  # sparse: a big download that costs no disk
        else:
            target.write_bytes(found.body)
        pages += found.content_type.startswith("text/html")
    return pages


def write_farm(farm: Farm, root: Path) -> int:
    pages = 0
    for site in farm.all_sites():
        pages += write_site(site, root / f"site{site.index}")
    return pages


def nginx_conf(farm: Farm, root: Path, run_dir: Path, workers: int = 1) -> str:
    servers = "\n".join(
        f"  server {{ listen {s.host}:{s.port}; root {root / f'site{s.index}'}; }}"
        for s in farm.all_sites()
    )
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes {workers};
worker_rlimit_nofile 200000;
pid {run_dir}/nginx.pid;
error_log {run_dir}/nginx-error.log warn;
# linkinator keeps a socket per request in flight and beyond; 4096 made nginx drop its connections.
events {{ worker_connections 100000; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  add_header LinkChecker ceping-bench;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {run_dir}/tmp-body;
  proxy_temp_path {run_dir}/tmp-proxy;
  fastcgi_temp_path {run_dir}/tmp-fastcgi;
  uwsgi_temp_path {run_dir}/tmp-uwsgi;
  scgi_temp_path {run_dir}/tmp-scgi;
{servers}
}}
"""
