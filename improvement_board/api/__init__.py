"""The read-only JSON API (/api/v1/): Django REST framework with drf-spectacular's schema."""
