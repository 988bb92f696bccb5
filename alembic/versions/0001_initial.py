"""Initial schema: feeds, stories, articles, claims, facts, conflicts and the editors' views.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The editors' contract (DESIGN.md): column names are stable; more columns may be added.
VIEWS = {
    "v_articles": """
        SELECT a.id AS article_id, a.url, a.title, a.outlet, a.lang, a.published_at,
               a.story_id, a.duplicate_of
        FROM articles a""",
    "v_stories": """
        SELECT s.id AS story_id, s.label, s.first_seen, s.last_seen, s.n_articles, s.langs
        FROM stories s""",
    "v_claims": """
        SELECT c.id AS claim_id, c.article_id, a.url, c.kind, c.text, c.value, c.unit,
               c.date_value, c.qualifier, c.fact_id, c.precision, c.date_end, c.sentence
        FROM claims c JOIN articles a ON a.id = c.article_id""",
    "v_facts": """
        SELECT f.id AS fact_id, f.story_id, f.kind, f.label, f.value, f.unit, f.n_claims,
               f.n_sources, f.status, f.date_value
        FROM facts f""",
    "v_conflicts": """
        SELECT k.id AS conflict_id, k.fact_id, k.story_id, k.kind, k.verdict, k.summary,
               k.claim_ids, k.detected_at, k.version, k.updated_at
        FROM conflicts k""",
}


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2048), nullable=False, unique=True),
        sa.Column("title", sa.String(500)),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("allow_private", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("etag", sa.String(500)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("last_fetched_at", sa.DateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", sa.DateTime()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(500), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("langs", sa.String(200), nullable=False),
        sa.Column("centroid", sa.LargeBinary()),
        sa.Column("entities", sa.JSON()),
        sa.Column("figures", sa.JSON()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2048), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text()),
        sa.Column("author", sa.String(500)),
        sa.Column("outlet", sa.String(500), nullable=False),
        sa.Column("lang", sa.String(16)),
        sa.Column("published_at", sa.DateTime()),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("feed_id", sa.Integer(), sa.ForeignKey("feeds.id", ondelete="SET NULL")),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="SET NULL")),
        sa.Column(
            "duplicate_of", sa.Integer(), sa.ForeignKey("articles.id", ondelete="SET NULL")
        ),
        sa.Column("embedding", sa.LargeBinary()),
        sa.Column("entities", sa.JSON()),
    )
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "article_bands",
        sa.Column("band", sa.Integer(), primary_key=True),
        sa.Column("hash", sa.String(32), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("value", sa.Float()),
        sa.Column("unit", sa.String(64)),
        sa.Column("date_value", sa.Date()),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_facts_story_id", "facts", ["story_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float()),
        sa.Column("unit", sa.String(64)),
        sa.Column("date_value", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("qualifier", sa.String(16)),
        sa.Column("precision", sa.Integer()),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("link_group", sa.Integer(), nullable=False),
        sa.Column("context_embedding", sa.LargeBinary()),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="SET NULL")),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_index("ix_claims_fact_id", "claims", ["fact_id"])
    op.create_index("ix_claims_kind_fact", "claims", ["kind", "fact_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "fact_id",
            sa.Integer(),
            sa.ForeignKey("facts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("claim_ids", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("fact_id", name="uq_conflicts_fact"),
    )
    op.create_index("ix_conflicts_story_id", "conflicts", ["story_id"])
    op.create_table(
        "ingest_problems",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_ingest_problems_at", "ingest_problems", ["at"])
    for name, body in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {body}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table in (
        "ingest_problems",
        "conflicts",
        "claims",
        "facts",
        "article_bands",
        "articles",
        "stories",
        "feeds",
    ):
        op.drop_table(table)
