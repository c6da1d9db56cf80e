from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form field through one accessible component (label, help, errors)."""

    field_template_name = "components/field.html"
