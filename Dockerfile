# One image for every process of the portal: web (gunicorn, the default command),
# worker and beat (celery; docker-compose.yml sets their commands).
# Configuration comes from the environment at run time (see .env.example); nothing
# secret is baked in.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never

# WeasyPrint's libraries (Pango with HarfBuzz), a fallback font, and gettext's msgfmt
# for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

ARG UV_VERSION=0.13.9
RUN pip install "uv==${UV_VERSION}"

RUN useradd --create-home --uid 1000 --user-group app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. Same lock, same
# `uv sync --frozen` as `make run`, without the development group.
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev
ENV PATH="/app/.venv/bin:$PATH"

# Translations and static files are built into the image. The settings need a few
# values to load; these throwaway ones exist only during this step. collectstatic runs
# with DEBUG off so that WhiteNoise's hashed, compressed manifest is built.
RUN DEBUG=1 uv run --frozen --no-dev python manage.py compilemessages --ignore=.venv -v0 \
    && DEBUG=0 \
        SECRET_KEY=build-time-only-not-used-at-run-time \
        ALLOWED_HOSTS=localhost \
        DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
        uv run --frozen --no-dev python manage.py collectstatic --noinput -v0

# The code stays owned by root; the app user may write only uploaded and generated files.
ENV MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3
RUN mkdir -p /app/media && chown app:app /app/media
USER app

EXPOSE 8000

# /healthz answers 200 when the database and Redis answer. The Host header is the first
# of ALLOWED_HOSTS, because Django refuses any other host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = (os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

# Migrations are not run here: the one-off `migrate` service in docker-compose.yml runs
# them once, before any web or worker container starts.
CMD ["sh", "-c", "exec gunicorn leercultuur.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --worker-tmp-dir /dev/shm --access-logfile - --error-logfile -"]
