"""VAT on the platform's fees: buyers' VAT numbers, reverse charge, and the rates of consumers' countries."""
