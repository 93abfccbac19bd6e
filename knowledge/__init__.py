"""The shared knowledge base: templates, shop facts, staff, buyers, conversations, reviews."""
