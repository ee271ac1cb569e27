"""The public portal (政府信息公开专栏) under ``/xxgk/``: anonymous, read-only over published material.

It reads items only through `gongkai.catalogue.visibility` and the search index (which holds
public items only), so nothing unpublished can reach a public route.
"""
