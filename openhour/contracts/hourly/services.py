def weeks_fire_due() -> int:
    return 0
