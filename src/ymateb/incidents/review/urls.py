from ymateb.incidents.pages import incident_path as at
from ymateb.incidents.review import views

urlpatterns = [
    at("review/start/", views.start_review, "start_review"),
    at("review/", views.review, "review"),
    at("review/recommendation/", views.review_recommendation, "review_recommendation"),
]
