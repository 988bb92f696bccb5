# factwatch in a container: `docker build -t factwatch .`, then
#   docker run -d --env-file factwatch.env -v factwatch-data:/data factwatch
# The image installs the package as a wheel would (no source tree at run time) and runs as an
# unprivileged user; the database lives on the /data volume.
FROM python:3.11-slim

WORKDIR /build
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY ingest ./ingest
COPY store ./store
COPY alembic ./alembic
# PyTorch first, the CPU build, pinned by constraints.txt; then the package itself.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
 && pip install --no-cache-dir -c constraints.txt . \
 && rm -rf /build

RUN useradd --system --home-dir /data --shell /usr/sbin/nologin factwatch \
 && mkdir -p /data && chown factwatch /data
USER factwatch
WORKDIR /data
ENV FACTWATCH_DATABASE_URL=sqlite:////data/factwatch.db
VOLUME /data
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "factwatch init && exec factwatch -v run"]
