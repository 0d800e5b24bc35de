"""Storage: SQLAlchemy models, the database with its pragmas and migrations, and queries."""
