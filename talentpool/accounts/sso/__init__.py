"""Single sign-on per tenant through django-allauth (docs/sso.md, decision 0013)."""
