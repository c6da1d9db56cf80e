# Each part of the operations app lists its own full paths.
urlpatterns: list = []
