def statements_in(text, report):
    return []
def interventions_in(text, report):
    return []
