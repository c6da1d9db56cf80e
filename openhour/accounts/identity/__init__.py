"""Identity verification before money leaves: providers behind one adapter, the operators' queue, the badge."""
