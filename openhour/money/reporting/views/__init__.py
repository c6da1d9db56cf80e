"""Pages of seller reporting: the freelancer's own (tax details, statements) and the operators' console."""
