"""The engine: rules, figures, reports, matching, verdicts and formats. Never imports textual."""
